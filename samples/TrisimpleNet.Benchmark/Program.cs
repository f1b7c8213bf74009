return TrisimpleNet.Benchmark.BenchmarkRun.Run(args, Console.Out);
