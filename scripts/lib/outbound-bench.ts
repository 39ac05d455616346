/**
 * The outbound figures on a worker of their own (fresh local D1, demo seed), against a fake Twilio
 * on loopback: `outbound.msgs_per_s` (sends through the API, the queue and the Twilio adapter until
 * the fake accepted them all) and `outbound.send_to_sent_p95_ms` / `_p50_ms` (a recruiter's Send
 * until the message reads `sent`, one send at a time), and `outbound.paced.busiest_second` (a burst
 * of 1,000 from a number set to 100 messages/s: the most the fake received in any second, and every
 * message sent once, none refused). The worker sends on slots one interval apart
 * (worker/services/delivery-pacing.test.ts holds it to the rate); the fake counts arrivals, which
 * the adapter's varying request time under load can crowd into one window: 100 to 111 seen at 100/s.
 * `npm run bench:outbound` runs this part alone.
 * @module
 */
import { freshStateDir, migrate, seedIfEmpty, startWorker } from './local-stack.ts';
import { startTwilioBench } from './provider-bench.ts';
import { percentile } from './realtime-bench.ts';

type Figure = { name: string; value: number; unit: string };

const PORT = 8796;
const CONNECTIONS = 32;
const MESSAGES = 300;
const LATENCY_SAMPLES = 40;
// A burst well over the number's rate: paced (delayed in the queue), never refused, never faster.
const BURST = 1_000;
const BURST_RATE = 100;

export async function benchOutbound(log: (line: string) => void): Promise<Figure[]> {
  log('Outbound: starting a worker with a fresh local D1 and the demo seed…');
  const stateDir = freshStateDir('bench-outbound');
  await migrate(stateDir);
  await seedIfEmpty(stateDir);
  const worker = await startWorker({ port: PORT, stateDir });
  const twilio = await startTwilioBench(worker.url, CONNECTIONS);
  try {
    log(`Outbound: ${LATENCY_SAMPLES} sends one at a time, Send → sent…`);
    const latency = await twilio.sendToSent(LATENCY_SAMPLES);
    log(`Outbound: Send → sent p50 ${Math.round(percentile(latency, 50))} ms, p95 ${Math.round(percentile(latency, 95))} ms`);
    log(`Outbound: ${MESSAGES} sends at ${CONNECTIONS} connections through the queue to the fake Twilio…`);
    const rate = await twilio.outboundRate(MESSAGES);
    log(`Outbound: ${rate.toFixed(1)} msgs/s`);
    log(`Outbound: a burst of ${BURST} from a number paced at ${BURST_RATE}/s…`);
    const paced = await twilio.pacedBurst(BURST, BURST_RATE);
    log(`Outbound: busiest second ${paced.busiestSecond} (rate ${BURST_RATE}/s), all accepted over ${paced.seconds.toFixed(1)} s`);
    return [
      { name: 'outbound.msgs_per_s', value: Math.round(rate * 100) / 100, unit: 'msgs/s' },
      { name: 'outbound.paced.busiest_second', value: paced.busiestSecond, unit: `msgs (rate ${BURST_RATE}/s)` },
      { name: 'outbound.paced.seconds', value: Math.round(paced.seconds * 10) / 10, unit: `s for ${BURST}` },
      { name: 'outbound.send_to_sent_p95_ms', value: Math.round(percentile(latency, 95)), unit: 'ms' },
      { name: 'outbound.send_to_sent_p50_ms', value: Math.round(percentile(latency, 50)), unit: 'ms' },
    ];
  } finally {
    await Promise.all([worker.stop(), twilio.stop()]);
  }
}
