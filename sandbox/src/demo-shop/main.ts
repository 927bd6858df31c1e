#!/usr/bin/env node
// Runs the demo shop: DEMO_SHOP_PORT (5173), QIWI_PAY_BACKEND_URL, DEMO_ORDER_TOKEN_SECRET, WIDGET_FILE.
import { createDemoShop } from './demo-shop.js';

const port = Number(process.env.DEMO_SHOP_PORT ?? 5173);
const host = process.env.DEMO_SHOP_HOST ?? '127.0.0.1';
const secret = process.env.DEMO_ORDER_TOKEN_SECRET;
const widgetFile = process.env.WIDGET_FILE;
if (!secret || !widgetFile || !process.env.QIWI_PAY_BACKEND_URL) {
  console.error(
    "set QIWI_PAY_BACKEND_URL, DEMO_ORDER_TOKEN_SECRET (the server's ORDER_TOKEN_SECRET) and WIDGET_FILE (widget/dist/qiwi-pay.js)",
  );
  process.exit(2);
}
const shopUrl = `http://${host}:${port}`;
createDemoShop({
  backendUrl: process.env.QIWI_PAY_BACKEND_URL,
  shopUrl,
  orderTokenSecret: secret,
  widgetFile,
  payerPhone: process.env.DEMO_PAYER_PHONE ?? '+79001234567',
}).listen(port, host, () => {
  console.log(`demo shop listening on ${shopUrl}`);
});
