// `npm run bench`: each benchmark prints its results as ratios against a floor measured in the same run.
export async function bench(_args: string[]): Promise<number> {
  console.log('No benchmarks yet.');
  return 0;
}
