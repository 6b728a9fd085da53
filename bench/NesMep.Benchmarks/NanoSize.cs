using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace NesMep.Benchmarks;

/// <summary>
/// Size of the core as the device build sees it: NesMep.Core.dll compiled by nano/NesMep.Core.Check against the
/// real nanoFramework mscorlib. Prints IL bytes, string literals and static data per folder of src/NesMep.Core,
/// the largest static constructors (all run at boot on the device) and the largest literals. These are IL figures:
/// the metadata processor's .pe is smaller (measured once: 195 KB of IL became a 125 KB .pe, 44.7 KB of it
/// strings), so read them as the relative weight of each part (docs/firmware.md).
/// </summary>
public static class NanoSize
{
    private const string Relative = "nano/NesMep.Core.Check/bin/Release/netstandard2.0/NesMep.Core.dll";

    public static int Run(string? path = null)
    {
        path ??= Locate();
        Console.WriteLine("nanoFramework build size (NesMep.Core.dll compiled against the real mscorlib; IL figures, see docs/firmware.md)");
        if (path == null || !File.Exists(path))
        {
            Console.WriteLine($"  not built: {Relative} (run `dotnet build NesMep.Linux.slnf -c Release` first)");
            return 0;
        }

        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();
        var folders = new SortedDictionary<string, Part>(StringComparer.Ordinal);
        var cctors = new List<(string Type, int Bytes)>();
        var typeSizes = new Dictionary<string, int>(StringComparer.Ordinal);
        var literalSeen = new HashSet<int>();
        var literals = new List<(string Folder, string Text)>();
        int staticData = 0;

        foreach (TypeDefinitionHandle th in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(th);
            string typeName = md.GetString(type.Name);
            string folder = FolderOf(md, type);
            Part part = folders.TryGetValue(folder, out Part? p) ? p : folders[folder] = new Part();
            part.Types++;
            if (typeName.StartsWith("__StaticArrayInitTypeSize=", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (MethodDefinitionHandle mh in type.GetMethods())
            {
                MethodDefinition method = md.GetMethodDefinition(mh);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                part.Methods++;
                part.IlBytes += body.Size;
                string outer = OuterTypeName(md, type);
                typeSizes[outer] = typeSizes.GetValueOrDefault(outer) + body.Size;
                if (md.GetString(method.Name) == ".cctor")
                {
                    cctors.Add((md.GetString(type.Namespace) + "." + typeName, body.Size));
                }

                foreach (int token in StringTokens(body.GetILBytes()!))
                {
                    if (literalSeen.Add(token))
                    {
                        string text = md.GetUserString(MetadataTokens.UserStringHandle(token & 0xFFFFFF));
                        part.Literals++;
                        part.LiteralUtf8Bytes += Encoding.UTF8.GetByteCount(text);
                        literals.Add((folder, text));
                    }
                }
            }
        }

        foreach (FieldDefinitionHandle fh in md.FieldDefinitions)
        {
            FieldDefinition field = md.GetFieldDefinition(fh);
            if (field.GetRelativeVirtualAddress() != 0)
            {
                staticData += FieldDataSize(md, field);
            }
        }

        long il = folders.Values.Sum(f => (long)f.IlBytes);
        long strings = folders.Values.Sum(f => (long)f.LiteralUtf8Bytes);
        Budget.IlBytes = il;
        Budget.LiteralBytes = strings;
        Budget.AssemblyBytes = new FileInfo(path).Length;
        Console.WriteLine($"  assembly {new FileInfo(path).Length,9:N0} B   IL {il,9:N0} B in {folders.Values.Sum(f => f.Methods):N0} methods   " +
                          $"string literals {literals.Count:N0} ({strings:N0} B as UTF-8)   static array data {staticData:N0} B");
        Console.WriteLine($"  {"folder",-12} {"types",6} {"methods",8} {"IL bytes",10} {"share",6} {"literals",9} {"literal B",10}");
        foreach ((string name, Part f) in folders.OrderByDescending(kv => kv.Value.IlBytes))
        {
            Console.WriteLine($"  {name,-12} {f.Types,6} {f.Methods,8} {f.IlBytes,10:N0} {100.0 * f.IlBytes / Math.Max(1, il),5:F1}% {f.Literals,9} {f.LiteralUtf8Bytes,10:N0}");
        }

        Console.WriteLine("  largest types (IL bytes, nested types included):");
        foreach ((string t, int bytes) in typeSizes.OrderByDescending(kv => kv.Value).Take(8).Select(kv => (kv.Key, kv.Value)))
        {
            Console.WriteLine($"    {bytes,7:N0}  {t}");
        }

        Console.WriteLine("  largest static constructors (IL bytes; every one runs at boot on the device):");
        foreach ((string t, int bytes) in cctors.OrderByDescending(c => c.Bytes).Take(5))
        {
            Console.WriteLine($"    {bytes,7:N0}  {t}");
        }

        Console.WriteLine("  largest string literals (UTF-8 bytes):");
        foreach ((string folder, string text) in literals.OrderByDescending(l => Encoding.UTF8.GetByteCount(l.Text)).Take(5))
        {
            string shown = text.Length > 60 ? text.Substring(0, 60) + "…" : text;
            Console.WriteLine($"    {Encoding.UTF8.GetByteCount(text),7:N0}  {folder,-8} \"{Escape(shown)}\"");
        }

        return 0;
    }

    private sealed class Part
    {
        public int Types;
        public int Methods;
        public int IlBytes;
        public int Literals;
        public int LiteralUtf8Bytes;
    }

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NesMep.Firmware.sln")))
            {
                return Path.Combine(dir.FullName, Relative);
            }
        }

        return null;
    }

    /// <summary>The folder of src/NesMep.Core a type lives in: its namespace below NesMep.Core (they match).</summary>
    private static string FolderOf(MetadataReader md, TypeDefinition type)
    {
        while (type.IsNested)
        {
            type = md.GetTypeDefinition(type.GetDeclaringType());
        }

        string ns = md.GetString(type.Namespace);
        const string Root = "NesMep.Core.";
        if (!ns.StartsWith(Root, StringComparison.Ordinal))
        {
            return "(other)";
        }

        string rest = ns.Substring(Root.Length);
        int dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest.Substring(0, dot);
    }

    private static string OuterTypeName(MetadataReader md, TypeDefinition type)
    {
        while (type.IsNested)
        {
            type = md.GetTypeDefinition(type.GetDeclaringType());
        }

        string ns = md.GetString(type.Namespace);
        return (ns.StartsWith("NesMep.Core.", StringComparison.Ordinal) ? ns.Substring(12) + "." : "") + md.GetString(type.Name);
    }

    /// <summary>Size of a field's RVA data (array initialisers): the compiler types it __StaticArrayInitTypeSize=N.</summary>
    private static int FieldDataSize(MetadataReader md, FieldDefinition field)
    {
        BlobReader sig = md.GetBlobReader(field.Signature);
        sig.ReadSignatureHeader();
        SignatureTypeCode code = sig.ReadSignatureTypeCode();
        if (code == SignatureTypeCode.TypeHandle)
        {
            EntityHandle handle = sig.ReadTypeHandle();
            if (handle.Kind == HandleKind.TypeDefinition)
            {
                string name = md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)handle).Name);
                const string Prefix = "__StaticArrayInitTypeSize=";
                if (name.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(name.AsSpan(Prefix.Length), out int size))
                {
                    return size;
                }
            }
        }

        return code switch
        {
            SignatureTypeCode.Int64 or SignatureTypeCode.UInt64 or SignatureTypeCode.Double => 8,
            SignatureTypeCode.Int16 or SignatureTypeCode.UInt16 or SignatureTypeCode.Char => 2,
            SignatureTypeCode.Byte or SignatureTypeCode.SByte or SignatureTypeCode.Boolean => 1,
            _ => 4,
        };
    }

    /// <summary>Tokens of every ldstr in a method body, walking the IL instruction by instruction.</summary>
    private static IEnumerable<int> StringTokens(byte[] il)
    {
        int i = 0;
        while (i < il.Length)
        {
            int op = il[i++];
            if (op == 0xFE)
            {
                op = 0xFE00 | il[i++];
            }

            if (op == 0x72)
            {
                yield return BitConverter.ToInt32(il, i);
            }

            if (op == 0x45)
            {
                int n = BitConverter.ToInt32(il, i);
                i += 4 + (4 * n);
                continue;
            }

            i += OperandSize(op);
        }
    }

    /// <summary>Operand bytes of each IL opcode (ECMA-335 III); switch (0x45) is handled by the caller.</summary>
    private static int OperandSize(int op)
    {
        switch (op)
        {
            case 0x0E: case 0x0F: case 0x10: case 0x11: case 0x12: case 0x13: case 0x1F: case 0xDE:
                return 1; // ldarg.s … stloc.s, ldc.i4.s, leave.s
            case >= 0x2B and <= 0x37:
                return 1; // short branches
            case 0x20: case 0x22:
                return 4; // ldc.i4, ldc.r4
            case 0x21: case 0x23:
                return 8; // ldc.i8, ldc.r8
            case 0x27: case 0x28: case 0x29:
                return 4; // jmp, call, calli
            case >= 0x38 and <= 0x44:
                return 4; // long branches
            case >= 0x6F and <= 0x75:
                return 4; // callvirt, cpobj, ldobj, ldstr, newobj, castclass, isinst
            case 0x79: case 0x7B: case 0x7C: case 0x7D: case 0x7E: case 0x7F: case 0x80: case 0x81:
                return 4; // unbox, ldfld … stobj
            case 0x8C: case 0x8D: case 0x8F: case 0xA3: case 0xA4: case 0xA5: case 0xC2: case 0xC6: case 0xD0: case 0xDD:
                return 4; // box, newarr, ldelema, ldelem, stelem, unbox.any, refanyval, mkrefany, ldtoken, leave
            case 0xFE06: case 0xFE07: case 0xFE15: case 0xFE16: case 0xFE1C: case 0xFE1D:
                return 4; // ldftn, ldvirtftn, initobj, constrained., sizeof, … 
            case 0xFE09: case 0xFE0A: case 0xFE0B: case 0xFE0C: case 0xFE0D: case 0xFE0E:
                return 2; // ldarg … stloc (long forms)
            case 0xFE12: case 0xFE19:
                return 1; // unaligned., no.
            default:
                return 0;
        }
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r");
}
