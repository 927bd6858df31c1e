// Entry of the script-tag build (dist/qiwi-pay.js): wiring only.
import { install } from './install';

// currentScript is only set while this file first runs, so it is read here and nowhere else.
install(document.currentScript);
