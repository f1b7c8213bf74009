// MSBuild task (compiled by RoslynCodeTaskFactory) that marks one symbol-version need of an ELF shared
// library as weak (VER_FLG_WEAK) so that an older libstdc++ can load it. See docs/platforms.md.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class WeakenElfVersionNeed : Task
{
    private const uint SectionTypeGnuVersionNeed = 0x6ffffffe;
    private const ushort VersionFlagWeak = 0x2;

    /// <summary>The ELF files to patch in place (a copy in the output folder, never the package cache).</summary>
    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The version name to weaken, for example GLIBCXX_3.4.32.</summary>
    [Required] public string VersionName { get; set; } = "";

    /// <summary>Candidate paths of the host library that may define the version; if one does, nothing is patched.</summary>
    public string[] HostLibraries { get; set; } = Array.Empty<string>();

    public override bool Execute()
    {
        foreach (string library in HostLibraries)
        {
            if (File.Exists(library) && Contains(File.ReadAllBytes(library), Encoding.ASCII.GetBytes(VersionName + "\0")))
            {
                Log.LogMessage(MessageImportance.Low, $"{library} defines {VersionName}; nothing to patch");
                return true;
            }
        }
        foreach (var item in Files)
        {
            string path = item.ItemSpec;
            if (!File.Exists(path)) continue;
            try
            {
                byte[] elf = File.ReadAllBytes(path);
                switch (Weaken(elf, VersionName))
                {
                    case PatchResult.Patched:
                        // Write a sibling file and rename it over the original: atomic, and it breaks any hard link
                        // into the NuGet cache instead of editing the cached package.
                        string temporary = path + ".patching";
                        File.WriteAllBytes(temporary, elf);
                        File.Replace(temporary, path, null);
                        Log.LogMessage(MessageImportance.High, $"Marked version need {VersionName} weak in {path}");
                        break;
                    case PatchResult.AlreadyWeak:
                        Log.LogMessage(MessageImportance.Low, $"{path}: {VersionName} already weak");
                        break;
                    case PatchResult.NotNeeded:
                        Log.LogMessage(MessageImportance.Low, $"{path}: no version need {VersionName}");
                        break;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Log.LogWarning($"Could not patch {path}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    private enum PatchResult { Patched, AlreadyWeak, NotNeeded }

    private static PatchResult Weaken(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF is supported");

        ulong sectionHeaders = BitConverter.ToUInt64(elf, 0x28);
        int sectionHeaderSize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        for (int i = 0; i < sectionCount; i++)
        {
            int header = checked((int)sectionHeaders + i * sectionHeaderSize);
            if (BitConverter.ToUInt32(elf, header + 4) != SectionTypeGnuVersionNeed) continue;

            int needOffset = checked((int)BitConverter.ToUInt64(elf, header + 0x18));
            int stringTableIndex = (int)BitConverter.ToUInt32(elf, header + 0x28);
            int needCount = (int)BitConverter.ToUInt32(elf, header + 0x2C);
            int stringTableHeader = checked((int)sectionHeaders + stringTableIndex * sectionHeaderSize);
            int strings = checked((int)BitConverter.ToUInt64(elf, stringTableHeader + 0x18));

            int need = needOffset;
            for (int n = 0; n < needCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    int name = strings + (int)BitConverter.ToUInt32(elf, aux + 8);
                    if (ReadCString(elf, name) == versionName)
                    {
                        ushort flags = BitConverter.ToUInt16(elf, aux + 4);
                        if ((flags & VersionFlagWeak) != 0) return PatchResult.AlreadyWeak;
                        BitConverter.GetBytes((ushort)(flags | VersionFlagWeak)).CopyTo(elf, aux + 4);
                        return PatchResult.Patched;
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                need += (int)BitConverter.ToUInt32(elf, need + 12);
            }
        }
        return PatchResult.NotNeeded;
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int start = Array.IndexOf(haystack, needle[0]); start >= 0 && start <= haystack.Length - needle.Length;
             start = Array.IndexOf(haystack, needle[0], start + 1))
        {
            int matched = 1;
            while (matched < needle.Length && haystack[start + matched] == needle[matched]) matched++;
            if (matched == needle.Length) return true;
        }
        return false;
    }

    private static string ReadCString(byte[] bytes, int start)
    {
        int end = Array.IndexOf(bytes, (byte)0, start);
        return Encoding.ASCII.GetString(bytes, start, end - start);
    }
}
