package dev.vigil.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code RenderChart CHART OUTPUT}: writes what the chart installs with its default values to OUTPUT, so that anyone
 * can read it after a build ({@code deploy/target/rendered/vigil.yaml}, the {@code package} phase).
 */
public final class RenderChart {

    private RenderChart() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: RenderChart CHART-DIRECTORY OUTPUT-FILE");
        }
        Path output = Path.of(args[1]);
        String manifests = new HelmChart(Path.of(args[0])).render(List.of());
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, "# helm template " + HelmChart.RELEASE + " " + args[0] + " --namespace "
                + HelmChart.NAMESPACE + " (the chart's default values), written by the build\n" + manifests);
    }
}
