// Hangfire keeps its job storage in a static (JobStorage.Current): two services in one process
// would hand each other's jobs around, so the tests here start one service at a time. Several
// nodes are tested as separate processes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
