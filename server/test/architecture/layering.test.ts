// Issue 11: the server's layering is enforced by lint, not described. Runs the workspace's own ESLint
// configuration (eslint.config.js, through ESLint's Node API — the same rules `pnpm run lint` applies)
// on small fixture sources placed, by file path, inside each layer.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(ROOT, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('server layering (eslint.config.js)', () => {
  it('refuses a QIWI-core file that imports the ledger', async () => {
    const messages = await restrictedImports(
      'server/src/qiwi/layering-fixture.ts',
      "import type { Order } from '../ledger/index.js';\nexport type Fixture = Order;\n",
    );
    expect(messages).toEqual([expect.stringMatching(/QIWI protocol core imports nothing of the server/)]);
  });

  it('refuses a ledger file that imports a feature or an adapter', async () => {
    const messages = await restrictedImports(
      'server/src/ledger/layering-fixture.ts',
      "import { checkout } from '../checkout/checkout-service.js';\nimport { openSqliteRepository } from '../store/sqlite/sqlite-repository.js';\nexport const fixture = [checkout, openSqliteRepository];\n",
    );
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/ledger imports the QIWI core only/);
  });

  it('refuses a feature that reaches a store adapter instead of the ledger', async () => {
    const messages = await restrictedImports(
      'server/src/checkout/layering-fixture.ts',
      "import { openSqliteRepository } from '../store/sqlite/sqlite-repository.js';\nexport const fixture = openSqliteRepository;\n",
    );
    expect(messages).toEqual([expect.stringMatching(/Features go through the ledger/)]);
  });

  it('refuses a store adapter that imports a feature', async () => {
    const messages = await restrictedImports(
      'server/src/store/sqlite/layering-fixture.ts',
      "import { refundOrder } from '../../admin/refunds.js';\nexport const fixture = refundOrder;\n",
    );
    expect(messages).toEqual([expect.stringMatching(/store adapter is SQL only/)]);
  });

  it('lets each layer import what it may: the ledger the core, a feature the ledger, the root an adapter', async () => {
    expect(
      await restrictedImports(
        'server/src/ledger/layering-fixture.ts',
        "import { formatAmount } from '../qiwi/index.js';\nexport const fixture = formatAmount;\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'server/src/orders/layering-fixture.ts',
        "import { isFinal } from '../ledger/index.js';\nexport const fixture = isFinal;\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'server/src/layering-fixture.ts',
        "import { openRepository } from './store/open-repository.js';\nexport const fixture = openRepository;\n",
      ),
    ).toEqual([]);
  });
});
