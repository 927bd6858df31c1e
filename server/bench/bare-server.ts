// The baseline of the benchmark: a bare Express JSON endpoint on the same machine.
import express from 'express';

const port = Number(process.argv[2]);
const app = express();
app.use(express.json());
app.post('/bare', (req, res) => void res.json({ ok: true, echo: (req.body as { n?: number }).n ?? null }));
app.get('/healthz', (_req, res) => void res.json({ ok: true }));
app.listen(port, '127.0.0.1');
