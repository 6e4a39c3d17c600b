package io.intelligencesuite.testing;

import java.nio.file.Path;

/** The repository root in tests (Surefire sets suite.root.dir; else the module's parent). */
public final class RepoRoot {
  private RepoRoot() {}

  public static Path get() {
    String root = System.getProperty("suite.root.dir");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }
}
