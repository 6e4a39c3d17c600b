package io.intelligencesuite.templates;

import java.nio.file.Path;

/** The repository root in tests (Surefire sets suite.root.dir; else the module's parent). */
final class RepoRoot {
  private RepoRoot() {}

  static Path get() {
    String root = System.getProperty("suite.root.dir");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }
}
