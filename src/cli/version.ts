/** The package version, taken from package.json at build time (the bundler inlines the one field). */
import { version } from '../../package.json';

export const VERSION: string = version;
