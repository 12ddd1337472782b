// A minimal Node.js webhook receiver that verifies X-Hub-Signature-256 the way GitHub's docs
// show (HMAC-SHA256 of the raw body, constant-time comparison), for comparison with Hookscope.
'use strict';
const http = require('http');
const crypto = require('crypto');

const port = Number(process.argv[2] || 18183);
const secret = process.env.WEBHOOK_SECRET || '';

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const expected = Buffer.from('sha256=' +
      crypto.createHmac('sha256', secret).update(body).digest('hex'));
    const given = Buffer.from(req.headers['x-hub-signature-256'] || '');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      res.writeHead(401, {'Content-Type': 'application/json'});
      res.end('{"error":"invalid signature"}');
      return;
    }
    res.writeHead(200, {'Content-Type': 'application/json'});
    res.end('{"received":true}');
  });
}).listen(port, '127.0.0.1');
