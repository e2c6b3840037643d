/** The slice of autocannon 9's programmatic API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  interface Options {
    url: string
    method?: string
    headers?: Record<string, string>
    body?: string
    connections?: number
    pipelining?: number
    duration?: number
    amount?: number
  }
  interface Histogram {
    average: number
    p50: number
    p99: number
  }
  interface Result {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
    requests: Histogram & { total: number }
    latency: Histogram
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
