using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TrisimpleNet.Samples.Tests;

/// <summary>
/// The <c>csharp</c> code blocks of the Markdown files in docs/ that carry <see cref="Marker"/> compile against the
/// library: each file's blocks together (one of them may hold top-level statements), with the SDK's implicit usings.
/// Pages without the marker may show fragments.
/// </summary>
public sealed partial class DocsCodeBlockTests
{
    /// <summary>The line a page carries when its code blocks are complete programs.</summary>
    public const string Marker = "<!-- csharp blocks compile: tests/TrisimpleNet.Samples.Tests/DocsCodeBlockTests.cs -->";

    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [GeneratedRegex(@"^```csharp[ \t]*\r?\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();

    private static IReadOnlyList<string> DocumentsWithCode() =>
        Directory.GetFiles(DocsFolder(), "*.md").Where(path => File.ReadAllText(path).Contains(Marker)).Select(path => Path.GetFileName(path)).ToList();

    public static TheoryData<string> DocsWithCode() => new(DocumentsWithCode());

    [Theory]
    [InlineData("custom-parts.md")]
    [InlineData("getting-started.md")]
    public void ThePageIsChecked(string document) => Assert.Contains(document, DocumentsWithCode());

    [Theory]
    [MemberData(nameof(DocsWithCode))]
    public void TheCodeBlocksCompile(string document)
    {
        var blocks = CSharpBlock().Matches(File.ReadAllText(Path.Combine(DocsFolder(), document))).Select(match => match.Groups[1].Value).ToList();
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = blocks.Select((code, i) => CSharpSyntaxTree.ParseText(code, options, path: $"{document} block {i + 1}")).ToList();
        var implicitUsings = CSharpSyntaxTree.ParseText(ImplicitUsings, options, path: "implicit usings");
        // C# allows top-level statements in one file of a program: each block of statements compiles as its own
        // program, with the page's blocks of declarations; a page of declarations alone compiles as a library.
        var statements = trees.Where(HasTopLevelStatements).ToList();
        var declarations = trees.Except(statements).Append(implicitUsings).ToList();
        var programs = statements.Count == 0
            ? [Compile(declarations, OutputKind.DynamicallyLinkedLibrary)]
            : statements.Select(tree => Compile(declarations.Append(tree), OutputKind.ConsoleApplication)).ToList();

        var errors = programs.SelectMany(program => program.GetDiagnostics()).Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static bool HasTopLevelStatements(SyntaxTree tree) =>
        tree.GetCompilationUnitRoot().Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any();

    private static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees, OutputKind kind) =>
        CSharpCompilation.Create("DocsCodeBlocks", trees, References(),
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Every assembly the test runs with: the framework, TrisimpleNet and its dependencies.</summary>
    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => MetadataReference.CreateFromFile(path));

    private static string DocsFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "TrisimpleNet.sln")))
                return Path.Combine(folder.FullName, "docs");
        throw new DirectoryNotFoundException($"No TrisimpleNet.sln above {AppContext.BaseDirectory}.");
    }
}
