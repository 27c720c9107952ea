import EcluseCLI

#if canImport(Glibc)
    import Glibc
#endif

exit(EcluseCommandLine.main(Array(CommandLine.arguments.dropFirst())))
