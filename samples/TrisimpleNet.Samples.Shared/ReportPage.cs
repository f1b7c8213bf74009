using System.Globalization;
using System.Net;
using System.Text;
using TrisimpleNet.Data.Reports;

namespace TrisimpleNet.Samples;

/// <summary>
/// The frame of a self-contained HTML report: one style sheet, pictures embedded as data URIs, and a script that,
/// once every image has loaded, sets <c>data-images-loaded="true"</c> and <c>data-image-count</c> on the body
/// (checked by the tests in headless Chromium).
/// </summary>
public static class ReportPage
{
    /// <summary>Writes a page titled <paramref name="title"/> whose body <paramref name="appendBody"/> appends, to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, string title, Action<StringBuilder> appendBody)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{Encode(title)}}</title>
            <style>
            body { font-family: sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin-bottom: 1.5em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            tr.anomalous td { background: #fde8e8; }
            img { max-width: 100%; border: 1px solid #ddd; margin: 0.3em 0; }
            .plots { display: flex; gap: 1%; align-items: flex-start; }
            .plots img { width: 32%; }
            </style></head>
            <body data-images-loaded="pending">

            """);
        appendBody(html);
        html.Append("""
            <script>
            window.addEventListener('load', () => {
              const images = Array.from(document.images);
              const loaded = images.every(image => image.complete && image.naturalWidth > 0);
              document.body.dataset.imagesLoaded = String(loaded);
              document.body.dataset.imageCount = String(images.length);
            });
            </script>
            </body></html>

            """);
        AtomicFile.WriteAllText(path, html.ToString());
    }

    /// <summary>Appends the PNG at <paramref name="pngPath"/> as an embedded image.</summary>
    public static void AppendImage(StringBuilder html, string pngPath, string description) =>
        html.Append(CultureInfo.InvariantCulture,
            $"<img alt=\"{Encode(description)}\" title=\"{Encode(description)}\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(pngPath))}\">\n");

    /// <summary><paramref name="text"/> HTML-encoded.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);
}
