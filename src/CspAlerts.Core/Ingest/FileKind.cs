using System.Runtime.InteropServices;

namespace CspAlerts.Ingest;

/// <summary>What a path names once links are followed, as the file system records it.</summary>
internal enum FileKindName
{
    /// <summary>The kind could not be asked (not Linux, or no <c>statx</c>): the reader relies on its size checks.</summary>
    Unknown,
    Regular,
    Directory,
    Pipe,
    CharacterDevice,
    BlockDevice,
    Socket,
    Missing,
}

/// <summary>
/// Asks the file system what a path is before it is opened. .NET reports a pipe or a device as
/// an ordinary file of length 0, and opening a pipe waits for a writer for ever; so on Linux
/// the kind and size come from <c>statx(2)</c>, whose record has one layout on every
/// architecture. Elsewhere the kind is unknown and the loader does not open a file of length 0.
/// </summary>
internal static class FileKind
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
    private const int StatxRecordSize = 256;

    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>The kind of file the path names, following links, and its size in bytes (0 when not known).</summary>
    public static FileKindName Of(string path, out long size)
    {
        size = 0;
        if (_unavailable)
        {
            return FileKindName.Unknown;
        }

        var record = new byte[StatxRecordSize];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, 0, StatxType | StatxSize, record);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return FileKindName.Unknown;
        }

        if (result != 0)
        {
            // ENOENT, ENOTDIR or a dangling link; anything else (ENOSYS, EPERM) leaves the kind unknown.
            return Marshal.GetLastPInvokeError() is 2 or 20 ? FileKindName.Missing : FileKindName.Unknown;
        }

        size = MemoryMarshal.Read<long>(record.AsSpan(SizeOffset));
        var mode = MemoryMarshal.Read<ushort>(record.AsSpan(ModeOffset));
        return (mode & 0xF000) switch
        {
            0x8000 => FileKindName.Regular,
            0x4000 => FileKindName.Directory,
            0x1000 => FileKindName.Pipe,
            0x2000 => FileKindName.CharacterDevice,
            0x6000 => FileKindName.BlockDevice,
            0xC000 => FileKindName.Socket,
            _ => FileKindName.Unknown,
        };
    }

    /// <summary>How an error names a kind that is not a regular file.</summary>
    public static string Describe(FileKindName kind) => kind switch
    {
        FileKindName.Pipe => "a named pipe",
        FileKindName.CharacterDevice => "a character device",
        FileKindName.BlockDevice => "a block device",
        FileKindName.Socket => "a socket",
        FileKindName.Directory => "a directory",
        _ => "not a regular file",
    };

    [DllImport("libc", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int dirFd, string path, int flags, uint mask, [Out] byte[] record);
}
