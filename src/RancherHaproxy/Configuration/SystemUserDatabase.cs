using System.Runtime.InteropServices;

namespace RancherHaproxy.Configuration;

/// <summary>
/// The users and groups libc knows, through getpwnam_r/getgrnam_r (and the by-id variants). The
/// same libc answers HAProxy's own `user`/`group` keywords, so the daemon and HAProxy never
/// disagree: musl (Alpine) reads /etc/passwd and /etc/group, glibc (Debian) asks NSS, which a
/// parser of /etc/passwd would not. The reentrant variants, because .NET's own threads may call
/// getpw* too. The structs have the same layout in musl and glibc on 64-bit Linux.
/// </summary>
internal sealed unsafe partial class SystemUserDatabase : IUserDatabase
{
    private const int RangeError = 34;
    private const int MaximumBuffer = 1 << 20;

    public static SystemUserDatabase Instance { get; } = new();

    public UserEntry? FindUser(string name) => LookUpUser(name, 0);

    public UserEntry? FindUser(uint id) => LookUpUser(null, id);

    public GroupEntry? FindGroup(string name) => LookUpGroup(name, 0);

    public GroupEntry? FindGroup(uint id) => LookUpGroup(null, id);

    /// <summary>By name, or by id when <paramref name="name"/> is null; a larger buffer while libc says ERANGE.</summary>
    private static UserEntry? LookUpUser(string? name, uint id)
    {
        for (var length = 4096; length <= MaximumBuffer; length *= 2)
        {
            var buffer = new byte[length];
            fixed (byte* start = buffer)
            {
                Passwd entry;
                Passwd* result = null;
                var error = name is null
                    ? GetPasswordById(id, &entry, start, (nuint)length, &result)
                    : GetPasswordByName(name, &entry, start, (nuint)length, &result);
                if (error != RangeError)
                {
                    // The strings live in the buffer: read them while it is pinned.
                    return error == 0 && result is not null
                        ? new UserEntry(Marshal.PtrToStringUTF8(entry.Name) ?? string.Empty, entry.UserId, entry.GroupId)
                        : null;
                }
            }
        }

        return null;
    }

    private static GroupEntry? LookUpGroup(string? name, uint id)
    {
        for (var length = 4096; length <= MaximumBuffer; length *= 2)
        {
            var buffer = new byte[length];
            fixed (byte* start = buffer)
            {
                Group entry;
                Group* result = null;
                var error = name is null
                    ? GetGroupById(id, &entry, start, (nuint)length, &result)
                    : GetGroupByName(name, &entry, start, (nuint)length, &result);
                if (error != RangeError)
                {
                    return error == 0 && result is not null
                        ? new GroupEntry(Marshal.PtrToStringUTF8(entry.Name) ?? string.Empty, entry.GroupId)
                        : null;
                }
            }
        }

        return null;
    }

    [LibraryImport("libc", EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int GetPasswordByName(string name, Passwd* entry, byte* buffer, nuint length, Passwd** result);

    [LibraryImport("libc", EntryPoint = "getpwuid_r")]
    private static partial int GetPasswordById(uint id, Passwd* entry, byte* buffer, nuint length, Passwd** result);

    [LibraryImport("libc", EntryPoint = "getgrnam_r", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int GetGroupByName(string name, Group* entry, byte* buffer, nuint length, Group** result);

    [LibraryImport("libc", EntryPoint = "getgrgid_r")]
    private static partial int GetGroupById(uint id, Group* entry, byte* buffer, nuint length, Group** result);

    /// <summary>struct passwd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Passwd
    {
        public nint Name;
        public nint Password;
        public uint UserId;
        public uint GroupId;
        public nint Gecos;
        public nint Directory;
        public nint Shell;
    }

    /// <summary>struct group.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Group
    {
        public nint Name;
        public nint Password;
        public uint GroupId;
        public nint Members;
    }
}
