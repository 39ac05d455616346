/** `npm run bench:outbound`: the outbound bench alone (scripts/lib/outbound-bench.ts), as `npm run bench` prints it. */
import { benchOutbound } from './lib/outbound-bench.ts';

const figures = await benchOutbound((line) => console.log(line));
console.log('\n| figure | value | unit |\n| --- | ---: | --- |');
for (const f of figures) console.log(`| ${f.name} | ${f.value} | ${f.unit} |`);
