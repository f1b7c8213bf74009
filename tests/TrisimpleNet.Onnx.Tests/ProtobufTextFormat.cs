using System.Text.RegularExpressions;

namespace TrisimpleNet.Onnx.Tests;

/// <summary>
/// A reader for the part of protobuf text format that Triton's config.pbtxt uses: fields "name: value",
/// messages "name { ... }" or "name: { ... }", lists "[ a, b ]" of scalars or messages, and # comments.
/// A message is a list of (field, value) pairs; a value is a string, a message or a list.
/// </summary>
internal static partial class ProtobufTextFormat
{
    public static List<(string Field, object Value)> Parse(string text)
    {
        var tokens = Token().Matches(CommentLine().Replace(text, "")).Select(m => m.Value).ToList();
        int position = 0;
        var message = ParseFields(tokens, ref position);
        if (position != tokens.Count) throw new FormatException($"Unexpected '{tokens[position]}' in protobuf text.");
        return message;
    }

    private static List<(string, object)> ParseFields(List<string> tokens, ref int position)
    {
        var fields = new List<(string, object)>();
        while (position < tokens.Count && tokens[position] != "}")
        {
            string field = tokens[position++];
            if (tokens[position] == ":") position++;
            fields.Add((field, ParseValue(tokens, ref position)));
        }
        return fields;
    }

    private static object ParseValue(List<string> tokens, ref int position)
    {
        string token = tokens[position++];
        switch (token)
        {
            case "{":
                var message = ParseFields(tokens, ref position);
                Expect(tokens, ref position, "}");
                return message;
            case "[":
                var items = new List<object>();
                while (tokens[position] != "]")
                {
                    items.Add(ParseValue(tokens, ref position));
                    if (tokens[position] == ",") position++;
                }
                position++;
                return items;
            default:
                return token.Trim('"');
        }
    }

    private static void Expect(List<string> tokens, ref int position, string expected)
    {
        if (tokens[position++] != expected) throw new FormatException($"Expected '{expected}' in protobuf text.");
    }

    [GeneratedRegex("#.*$", RegexOptions.Multiline)]
    private static partial Regex CommentLine();

    [GeneratedRegex("\"[^\"]*\"|[{}\\[\\]:,]|[^\\s{}\\[\\]:,]+")]
    private static partial Regex Token();
}
