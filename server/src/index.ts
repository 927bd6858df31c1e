export * from './qiwi/index.js';
