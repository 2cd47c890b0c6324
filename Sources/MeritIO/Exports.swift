// The library and record layers MeritIO is built on, re-exported so that `import MeritIO` keeps giving the
// command line and the benchmarks the whole I/O side (library loading, record reading, the store).
@_exported import MeritLibrary
@_exported import MeritRecords
