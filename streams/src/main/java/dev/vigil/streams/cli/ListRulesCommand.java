package dev.vigil.streams.cli;

import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.model.rule.RuleMeta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vigil rules list}: every loaded rule with severity, BSI requirements, MITRE techniques and source file. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the loaded rules.")
class ListRulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule folder or file (repeatable); its rules "
            + "add to or replace the bundled ones by id.")
    List<Path> folders;

    @Option(names = "--json", description = "One JSON object per rule.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RuleEngine engine = RuleFolders.load(folders, spec.commandLine().getErr());
        if (engine == null) {
            return RuleFolders.INVALID_RULES;
        }
        if (!json) {
            out.printf("%-30s %-9s %-26s %-18s %s%n", "ID", "SEVERITY", "BSI", "MITRE", "FILE");
        }
        for (RuleMeta rule : engine.rules()) {
            String file = engine.sourceOf(rule.id()).orElse("?");
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", rule.id());
                line.put("name", rule.name());
                line.put("severity", rule.severity());
                line.put("bsi", rule.bsi());
                line.put("mitre", rule.mitre());
                line.put("category", rule.category());
                line.put("ruleset", rule.ruleset());
                line.put("version", rule.version());
                line.put("dedup_window", rule.dedupWindow().toString());
                line.put("disabled", engine.isDisabled(rule.id()));
                line.put("file", file);
                out.println(VigilJson.write(line));
            } else {
                out.printf("%-30s %-9s %-26s %-18s %s%n", rule.id(), rule.severity().word(),
                        String.join(",", rule.bsi()), String.join(",", rule.mitre()), file);
            }
        }
        out.flush();
        return 0;
    }
}
