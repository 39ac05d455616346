/** `npm run bench:usage`: the usage bench alone (scripts/lib/usage-bench.ts), as `npm run bench` prints it. */
import { benchUsage } from './lib/usage-bench.ts';

const figures = await benchUsage((line) => console.log(line));
console.log('\n| figure | value | unit |\n| --- | ---: | --- |');
for (const f of figures) console.log(`| ${f.name} | ${f.value} | ${f.unit} |`);
