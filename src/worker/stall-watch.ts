/**
 * Noticing a converter worker that went silent. Every message and every beat of the worker's
 * pulse (a helper thread that beats each second, even while a conversion is busy in one long
 * step) counts as a sign of life. A worker still loading must answer within the timeout; a
 * started one is watched through its pulse; one without a pulse cannot be told from a worker
 * busy in a long step, so it is never ended for being quiet.
 */

export class StallWatch {
  #lastHeard = 0;
  #pulse: MessagePort | null = null;
  #pulsing = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** 0 turns the watch off. */
    private readonly timeoutMs: number,
    /** Whether there is anything to watch (calls in flight on a live worker). */
    private readonly busy: () => boolean,
    /** Whether the worker has said it started (a pulse is only expected from then on). */
    private readonly started: () => boolean,
    /** Called once when the worker has been silent for too long, with how long (ms). */
    private readonly onStall: (quietMs: number) => void,
  ) {}

  /** A sign of life (a message from the worker, or one sent to it). */
  heard(): void {
    this.#lastHeard = performance.now();
  }

  /** Listens to the worker's pulse; `current` says whether that worker is still the one watched. */
  listenTo(pulse: MessagePort, current: () => boolean): void {
    this.#pulse = pulse;
    pulse.onmessage = () => {
      if (!current()) return;
      this.#pulsing = true;
      this.heard();
    };
  }

  /** Starts watching, when there is anything to watch and it is not watched yet. */
  arm(): void {
    if (this.timeoutMs <= 0 || this.#timer !== undefined || !this.busy()) return;
    this.#timer = setTimeout(() => this.#check(), this.timeoutMs);
  }

  /** Stops watching (the calls are done). */
  pause(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Forgets the worker (it was stopped): no timer, no pulse. */
  reset(): void {
    this.pause();
    this.#pulse?.close();
    this.#pulse = null;
    this.#pulsing = false;
  }

  #check(): void {
    this.#timer = undefined;
    if (!this.busy()) return;
    const watched = !this.started() || this.#pulsing;
    const quiet = performance.now() - this.#lastHeard;
    if (!watched || quiet < this.timeoutMs) {
      this.#timer = setTimeout(() => this.#check(), Math.max(1, this.timeoutMs - (watched ? quiet : 0)));
      return;
    }
    this.onStall(quiet);
  }
}
