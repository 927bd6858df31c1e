// The package version, read from package.json at build time (only this field is bundled).
import { version } from '../package.json';

export const VERSION: string = version;
