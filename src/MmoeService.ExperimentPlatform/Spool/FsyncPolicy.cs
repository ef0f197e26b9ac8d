namespace MmoeService.ExperimentPlatform.Spool;

/// <summary>
/// When the spool forces its bytes from the OS page cache to the disk. Every policy writes each batch through to the
/// OS at once, so a crash or SIGKILL of the process alone loses nothing already spooled; the policies differ only in
/// what a power cut or a kernel crash can take.
/// </summary>
public enum FsyncPolicy
{
    /// <summary>Never fsync: the OS writes back when it likes (Linux: within about 30 s). A power cut can lose that much.</summary>
    Never,

    /// <summary>Fsync each segment when it is sealed, and the last one at shutdown: a power cut can lose the open segment.</summary>
    PerSegment,

    /// <summary>Fsync after every appended batch: a power cut loses at most the batch being written, at one disk flush per batch.</summary>
    EveryBatch,
}
