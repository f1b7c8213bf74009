using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace TrisimpleNet.Data.Tests.TorchUsage;

/// <summary>
/// The calls in an assembly's IL, read with System.Reflection.Metadata: for each method body, each call with the
/// declaring type's name, the method's name, its parameter types, and the opcode that follows.
/// </summary>
internal static class MethodCalls
{
    /// <param name="Caller">"Type.Method" of the calling method.</param>
    /// <param name="CallerSignature">"Type.Method(parameter types)" of the calling method, to tell overloads apart.</param>
    public sealed record Call(string Caller, string CallerSignature, string Type, string Method, IReadOnlyList<string> Parameters, ILOpCode Next)
    {
        /// <summary>"Type.Method(parameter types)" of the called method, in the form of <see cref="CallerSignature"/>.</summary>
        public string Signature => $"{Type}.{Method}({string.Join(",", Parameters)})";
    }

    public static IEnumerable<Call> In(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var calls = new List<Call>();
        foreach (var typeHandle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(typeHandle);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = metadata.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0) continue;
                string caller = $"{metadata.GetString(type.Name)}.{metadata.GetString(method.Name)}";
                var parameters = method.DecodeSignature(new TypeNames(), null).ParameterTypes;
                string signature = $"{caller}({string.Join(",", parameters)})";
                calls.AddRange(CallsOf(metadata, pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader(), caller, signature));
            }
        }
        return calls;
    }

    private static IEnumerable<Call> CallsOf(MetadataReader metadata, BlobReader il, string caller, string signature)
    {
        Call? pending = null;
        while (il.RemainingBytes > 0)
        {
            var opCode = ReadOpCode(ref il);
            if (pending is not null)
            {
                yield return pending with { Next = opCode };
                pending = null;
            }
            if (opCode is ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj)
            {
                var token = MetadataTokens.EntityHandle(il.ReadInt32());
                pending = token.Kind switch
                {
                    HandleKind.MemberReference => Describe(metadata, metadata.GetMemberReference((MemberReferenceHandle)token), caller, signature),
                    HandleKind.MethodDefinition => Describe(metadata, metadata.GetMethodDefinition((MethodDefinitionHandle)token), caller, signature),
                    _ => null,
                };
                continue;
            }
            Skip(ref il, opCode);
        }
        if (pending is not null) yield return pending;
    }

    private static Call? Describe(MetadataReader metadata, MemberReference member, string caller, string callerSignature)
    {
        if (member.GetKind() != MemberReferenceKind.Method || member.Parent.Kind != HandleKind.TypeReference) return null;
        var signature = member.DecodeMethodSignature(new TypeNames(), null);
        string type = metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)member.Parent).Name);
        return new Call(caller, callerSignature, type, metadata.GetString(member.Name), signature.ParameterTypes, ILOpCode.Nop);
    }

    // A call within the assembly (how TorchSharp's own methods call each other).
    private static Call Describe(MetadataReader metadata, MethodDefinition method, string caller, string callerSignature)
    {
        var signature = method.DecodeSignature(new TypeNames(), null);
        string type = metadata.GetString(metadata.GetTypeDefinition(method.GetDeclaringType()).Name);
        return new Call(caller, callerSignature, type, metadata.GetString(method.Name), signature.ParameterTypes, ILOpCode.Nop);
    }

    private static ILOpCode ReadOpCode(ref BlobReader il)
    {
        byte first = il.ReadByte();
        return first == 0xFE ? (ILOpCode)(0xFE00 | il.ReadByte()) : (ILOpCode)first;
    }

    private static void Skip(ref BlobReader il, ILOpCode opCode)
    {
        if (opCode == ILOpCode.Switch)
        {
            il.Offset += 4 * il.ReadInt32();
            return;
        }
        il.Offset += opCode.IsBranch() ? opCode.GetBranchOperandSize() : OperandSize(opCode);
    }

    private static int OperandSize(ILOpCode opCode) => opCode switch
    {
        ILOpCode.Ldc_i8 or ILOpCode.Ldc_r8 => 8,
        ILOpCode.Ldc_i4 or ILOpCode.Ldc_r4 or ILOpCode.Jmp or ILOpCode.Calli or ILOpCode.Ldfld or ILOpCode.Ldflda
            or ILOpCode.Stfld or ILOpCode.Ldsfld or ILOpCode.Ldsflda or ILOpCode.Stsfld or ILOpCode.Ldstr or ILOpCode.Ldtoken
            or ILOpCode.Ldftn or ILOpCode.Ldvirtftn or ILOpCode.Box or ILOpCode.Unbox or ILOpCode.Unbox_any or ILOpCode.Newarr
            or ILOpCode.Castclass or ILOpCode.Isinst or ILOpCode.Ldelema or ILOpCode.Ldelem or ILOpCode.Stelem or ILOpCode.Ldobj
            or ILOpCode.Stobj or ILOpCode.Cpobj or ILOpCode.Initobj or ILOpCode.Sizeof or ILOpCode.Mkrefany or ILOpCode.Refanyval
            or ILOpCode.Constrained => 4,
        ILOpCode.Ldarg or ILOpCode.Ldarga or ILOpCode.Starg or ILOpCode.Ldloc or ILOpCode.Ldloca or ILOpCode.Stloc => 2,
        ILOpCode.Ldarg_s or ILOpCode.Ldarga_s or ILOpCode.Starg_s or ILOpCode.Ldloc_s or ILOpCode.Ldloca_s or ILOpCode.Stloc_s
            or ILOpCode.Ldc_i4_s or ILOpCode.Unaligned => 1,
        _ => 0,
    };

    private sealed class TypeNames : ISignatureTypeProvider<string, object?>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);
        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => "?";
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType;
        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
        public string GetFunctionPointerType(MethodSignature<string> signature) => "method";
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetPinnedType(string elementType) => elementType;
    }
}
