// Run as its own process (node --import tsx): opens the ledger on the SQLite file given, asks for five
// writes, closes at once, and says what it got. Nothing else keeps this process alive, so it shows
// whether close() itself settles and the thread lets the process end.
import { openSqliteLedgerThread } from '../../src/store/sqlite/ledger-writer-thread.js';
import { newOrder } from './ledger-fixtures.js';

const path = process.argv[2];
if (!path) throw new Error('usage: close-ledger-thread.ts DATABASE_PATH');
const ledger = await openSqliteLedgerThread(path);
const asked = [1, 2, 3, 4, 5].map((i) => ledger.placeOrder(newOrder({ id: `order-${i}` })));
await ledger.close();
const placed = (await Promise.all(asked)).filter((r) => r.inserted).length;
console.log(`placed ${placed}, closed`);
