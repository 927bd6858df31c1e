import { startStack } from './stack.js';

export default async function globalSetup(): Promise<() => Promise<void>> {
  return startStack();
}
