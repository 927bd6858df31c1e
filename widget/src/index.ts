// The ES module for merchants who bundle: the same mount() the script tag uses.
export { mount, type PayHandle } from './mount.js';
export type { PayOptions, Theme, Size, StatusDetail, ErrorDetail } from './options.js';
