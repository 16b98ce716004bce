// Real-looking snowflakes: discord.js buckets webhook requests by the ids in the
// route, and ids that are not 17–19 digit snowflakes put every call in one bucket.
const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** A fresh snowflake whose guild would be routed to `shard` of `shardCount` ((id >> 22) % count). */
export function snowflakeOnShard(shard: number, shardCount: number): string {
  const now = BigInt(Date.now()) - DISCORD_EPOCH;
  const at = now - (now % BigInt(shardCount)) + BigInt(shard);
  return snowflake(Number(at + DISCORD_EPOCH));
}
