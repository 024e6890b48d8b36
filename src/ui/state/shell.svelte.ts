/**
 * Where the user is: the step shown (or the print summary in its place), whether the saved
 * settings have loaded, and the banner when the browser is not keeping anything.
 */

export type Step = 1 | 2 | 3 | 4;

export const STEPS: { step: Step; title: string }[] = [
  { step: 1, title: 'Files' },
  { step: 2, title: 'Mapping' },
  { step: 3, title: 'QuickBooks lists' },
  { step: 4, title: 'Review & export' },
];

export class Shell {
  step = $state<Step>(1);
  /** The four steps, or the printable summary of the review in their place. */
  view = $state<'steps' | 'print'>('steps');
  ready = $state(false);
  storageProblem = $state('');

  constructor(storageProblem = '') {
    this.storageProblem = storageProblem;
  }

  goTo(step: Step): void {
    this.view = 'steps';
    this.step = step;
  }

  showPrint(): void {
    this.view = 'print';
  }

  setStorageProblem(problem: string): void {
    this.storageProblem = problem;
  }
}
