// bill-payments-rest-api-1.0.0.md §2.2 [A]: public_key = Base58(UTF-8 "prv_id|api_id|currency"), Bitcoin
// alphabet (§13 B5), big-endian, each leading zero byte becomes "1".

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58Encode(bytes: Uint8Array): string {
  let leadingZeros = 0;
  while (leadingZeros < bytes.length && bytes[leadingZeros] === 0) leadingZeros++;
  let value = 0n;
  for (const byte of bytes) value = value * 256n + BigInt(byte);
  let out = '';
  while (value > 0n) {
    out = ALPHABET[Number(value % 58n)] + out;
    value /= 58n;
  }
  return '1'.repeat(leadingZeros) + out;
}

export function derivePublicKey(prvId: string, apiId: string, currency: string): string {
  return base58Encode(Buffer.from(`${prvId}|${apiId}|${currency}`, 'utf8'));
}
