using System.Runtime.InteropServices;
using System.Text;
using CspAlerts.Diagnostics;

namespace CspAlerts.Configuration;

/// <summary>
/// Finds and reads the YAML files under a rules folder without being led outside it, made to hang
/// or made to read without bound. Every <c>*.yaml</c> and <c>*.yml</c> file in the folder and its
/// sub-folders is read, in path order; hidden files and folders are skipped. Only regular files are
/// read: a named pipe, a device or a socket is refused, as reading one could block or never end. A
/// symbolic link is followed only when it leads to somewhere inside the rules folder: one that leads
/// outside is refused, naming it, and its target is never opened; a link to a folder inside is not
/// followed, as that folder is read where it is. Sizes are checked before a file is opened, and no
/// read goes past the limit, in case a file grows.
/// </summary>
internal static class RulesFolder
{
    private const int MaxLinks = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// Reads the folder's YAML files. Returns the text of each file read, and an error for each one
    /// that was not, which might have held any kind.
    /// </summary>
    /// <param name="folder">The folder, as a path the process can open.</param>
    /// <param name="display">The folder as errors and sources name it.</param>
    public static (List<ConfigurationSource> Sources, List<ConfigError> Errors) Read(string folder, string display, ConfigurationLimits limits)
    {
        var sources = new List<ConfigurationSource>();
        var errors = new List<ConfigError>();
        var root = RealPath(folder) ?? Path.GetFullPath(folder);
        var found = Find(folder, root, limits.MaxFiles + 1);
        if (found.Count > limits.MaxFiles)
        {
            errors.Add(new ConfigError(
                new SourceLocation(Shown(display), 1, 1),
                TooManyFiles(limits)));
            return (sources, errors);
        }

        long total = 0;
        foreach (var file in found.OrderBy(f => f.Relative.Replace(Path.DirectorySeparatorChar, '/'), StringComparer.Ordinal))
        {
            var location = new SourceLocation(Shown(Path.Combine(display, file.Relative)), 1, 1);
            if (file.Refusal is { } refusal)
            {
                errors.Add(new ConfigError(location, refusal));
                continue;
            }

            try
            {
                if (SpecialKind(file.Path) is { } kind)
                {
                    errors.Add(new ConfigError(location, $"the file is {kind}, not a regular file; it is not read"));
                    continue;
                }

                var size = new FileInfo(file.Path).Length;
                if (size > limits.MaxFileBytes)
                {
                    errors.Add(new ConfigError(location, TooLarge(size, limits)));
                    continue;
                }

                total += size;
                if (total > limits.MaxFolderBytes)
                {
                    errors.Add(new ConfigError(location, TooMuch(total, limits)));
                    break;
                }

                if (ReadText(file.Path, size, limits) is { } text)
                {
                    sources.Add(new ConfigurationSource(location.File, text));
                }
                else
                {
                    errors.Add(new ConfigError(location, $"the file grew past the limit of {limits.MaxFileBytes} bytes for one file while it was read; it is not read"));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // One unreadable file is one error among the rest, not a crash that hides them.
                errors.Add(new ConfigError(location, $"cannot read the file: {ex.Message}"));
            }
        }

        return (sources, errors);
    }

    /// <summary>The error for a folder with more YAML files than it may hold.</summary>
    internal static string TooManyFiles(ConfigurationLimits limits) =>
        $"the folder holds more than {limits.MaxFiles} YAML files, the limit; none of them is read";

    /// <summary>The error for a file larger than one file may be.</summary>
    internal static string TooLarge(long size, ConfigurationLimits limits) =>
        $"the file is {size} bytes, more than the limit of {limits.MaxFileBytes} bytes for one file; it is not read";

    /// <summary>The error for the file that takes the files read so far past what they may come to together.</summary>
    internal static string TooMuch(long total, ConfigurationLimits limits) =>
        $"with this file the YAML files come to {total} bytes, more than the limit of {limits.MaxFolderBytes} bytes for them all; it and the files after it are not read";

    /// <summary>A path as errors show it: with '/' separators, and any control character escaped.</summary>
    private static string Shown(string path) => Echo.Of(path.Replace(Path.DirectorySeparatorChar, '/'), int.MaxValue);

    /// <summary>
    /// The YAML files under the folder, each with the path to read or why it is refused; at most
    /// <paramref name="enough"/>, as more than that are refused together.
    /// </summary>
    private static List<Found> Find(string folder, string root, int enough)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        };

        var found = new List<Found>();
        var pending = new Stack<(string Path, string Relative)>();
        pending.Push((folder, string.Empty));
        while (found.Count < enough && pending.TryPop(out var directory))
        {
            foreach (var entry in new DirectoryInfo(directory.Path).EnumerateFileSystemInfos("*", options))
            {
                if (entry.Name.StartsWith('.'))
                {
                    continue;
                }

                var relative = Path.Join(directory.Relative, entry.Name);
                if (LinkOf(entry.FullName) is { } link)
                {
                    var isFolder = Directory.Exists(entry.FullName);
                    if (isFolder || IsYaml(entry.Name))
                    {
                        found.AddRange(Linked(entry.FullName, link, relative, root, isFolder));
                    }
                }
                else if (entry is DirectoryInfo)
                {
                    pending.Push((entry.FullName, relative));
                }
                else if (IsYaml(entry.Name))
                {
                    found.Add(new Found(relative, entry.FullName, null));
                }

                if (found.Count >= enough)
                {
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// What a symbolic link in the folder gives: the file it leads to when that is inside the rules
    /// folder, an error when it leads outside or nowhere, and nothing for a folder inside, which is
    /// read where it is.
    /// </summary>
    private static IEnumerable<Found> Linked(string path, string link, string relative, string root, bool isFolder)
    {
        var noun = isFolder ? "folder" : "file";
        var target = RealPath(path);
        if (target is null)
        {
            yield return new Found(relative, path, $"the {noun} is a symbolic link that cannot be followed, as its links go round in a loop or more than {MaxLinks} deep; it is not read");
        }
        else if (!IsUnder(target, root))
        {
            yield return new Found(relative, path, $"the {noun} is a symbolic link to '{Echo.Of(link)}', outside the rules folder; it is not read");
        }
        else if (!isFolder)
        {
            yield return File.Exists(target)
                ? new Found(relative, target, null)
                : new Found(relative, path, $"the file is a symbolic link to '{Echo.Of(link)}', which does not exist; it is not read");
        }
    }

    private static bool IsYaml(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static bool IsUnder(string path, string root) =>
        path.Equals(root, PathComparison)
        || path.StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, PathComparison);

    /// <summary>
    /// The absolute path with every symbolic link in it followed, as the system would follow them;
    /// or null when the links go round in a loop or more than <see cref="MaxLinks"/> deep. Only links
    /// are read, never a file. A part that does not exist is kept as it is.
    /// </summary>
    internal static string? RealPath(string path)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        var current = Path.GetPathRoot(full)!;
        var pending = new Stack<string>();
        PushParts(pending, full[current.Length..]);
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            if (LinkOf(next) is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            PushParts(pending, target);
        }

        return current;
    }

    private static void PushParts(Stack<string> pending, string relative)
    {
        foreach (var part in relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]).Reverse())
        {
            pending.Push(part);
        }
    }

    /// <summary>What a symbolic link says it points to, as written; null when the path is no link.</summary>
    private static string? LinkOf(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads at most the limit of one file (and one byte more, to tell that a file grew past it).
    /// A file of no bytes is not opened: it is empty, or it is not a regular file.
    /// </summary>
    /// <returns>The text, or null when the file grew past the limit.</returns>
    private static string? ReadText(string path, long size, ConfigurationLimits limits)
    {
        if (size == 0)
        {
            return string.Empty;
        }

        var most = limits.MaxFileBytes + 1;
        using var buffer = new MemoryStream((int)Math.Min(size + 1, most));
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            var chunk = new byte[81920];
            int read;
            while (buffer.Length < most && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, most - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        if (buffer.Length > limits.MaxFileBytes)
        {
            return null;
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// What a path that is not a regular file or a link is, as errors name it (<c>a named pipe</c>),
    /// or null for a regular file, or when that cannot be told.
    /// </summary>
    private static string? SpecialKind(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.GetAttributes(path).HasFlag(FileAttributes.Device) ? "a device" : null;
        }

        return OperatingSystem.IsLinux() ? NativeMethods.Kind(path) : null;
    }

    /// <summary>A YAML file found under the folder: where it is shown, the path to read, and why it is refused, if it is.</summary>
    private sealed record Found(string Relative, string Path, string? Refusal);

    /// <summary>The file type of a path on Linux, by <c>statx</c>, which has one layout on every architecture.</summary>
    private static class NativeMethods
    {
        private const int AtFdCwd = -100;
        private const int AtSymlinkNoFollow = 0x100;
        private const uint StatxType = 0x1;
        private const int ModeOffset = 28;
        private static bool _unavailable;

        /// <summary>The kind of a path that is not a regular file, or null for a regular file or when it cannot be told.</summary>
        public static string? Kind(string path)
        {
            if (_unavailable)
            {
                return null;
            }

            var buffer = new byte[256];
            try
            {
                if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
                {
                    return null;
                }
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // A C library without statx: sizes and the bounded read still keep reading safe.
                _unavailable = true;
                return null;
            }

            return (BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000) switch
            {
                0x8000 => null,
                0x1000 => "a named pipe",
                0x2000 => "a character device",
                0x6000 => "a block device",
                0xC000 => "a socket",
                0x4000 => "a folder",
                0xA000 => "a symbolic link",
                _ => "of an unknown type",
            };
        }

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
    }
}
