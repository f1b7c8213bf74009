return TrisimpleNet.Inspect.InspectRun.Run(args, Console.Out);
