// The crash simulations measure their own speed and the kill test runs a server process: on a 2-core machine they
// must not compete with each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
