using MusicFunctions.ArchiveBenchmark;

// The parent starts Azurite and the stand-in and runs each measurement in a child process of this
// same program (--child ...), so every variant starts from the same clean memory baseline.
return args is ["--child", ..]
    ? await VariantRunner.RunAsync(args[1..])
    : await BenchmarkRunner.RunAsync(BenchmarkSettings.Parse(args));
