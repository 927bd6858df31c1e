// The README's pictures are taken by the same browser setup as the suite, from the same built stack.
import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

export default defineConfig({ ...base, testDir: 'screenshots' });
