/// Image name → a Python environment directory (a venv) on the machine that runs the task, the
/// way a Kubernetes node would pull the image: looked up by the full image
/// (`ghcr.io/org/app:v1`), then without tag or digest (`ghcr.io/org/app`), then `*`.
package enum ImageEnvironments {
  /// The environment directory for `image` in `images`, or nil for none.
  package static func directory(for image: String, in images: [String: String]) -> String? {
    if let exact = images[image] { return exact }
    if let bare = withoutTagOrDigest(image), let match = images[bare] { return match }
    return images["*"]
  }

  /// `image` without its `:tag` or `@digest`; nil when it has neither.
  package static func withoutTagOrDigest(_ image: String) -> String? {
    var name = Substring(image)
    if let at = name.firstIndex(of: "@") { name = name[..<at] }
    let lastSlash = name.lastIndex(of: "/") ?? name.startIndex
    if let colon = name[lastSlash...].lastIndex(of: ":") { name = name[..<colon] }
    return name == Substring(image) ? nil : String(name)
  }
}
