return TrisimpleNet.Quickstart.QuickstartRun.Run(args, Console.Out);
