/**
 * Rule: QuickBooks classes. Every transaction and line gets the profile's file class (when set);
 * a product's own mapped class wins on its lines.
 */
import type { Profile } from '../../profile/types.ts';

/** The class of a transaction and of its lines that have no class of their own. */
export function fileClass(profile: Profile): string | undefined {
  return profile.options.fileClass || undefined;
}

/** The class of a product line: the product's mapped class, else the file class. */
export function productLineClass(profile: Profile, productClass: string | undefined): string | undefined {
  return productClass || fileClass(profile);
}
