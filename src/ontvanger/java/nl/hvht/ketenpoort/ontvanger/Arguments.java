package nl.hvht.ketenpoort.ontvanger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments: options {@code --name value} (or {@code --name=value}, some repeatable), flags
 * {@code --name}, and positional words. Anything not declared is a {@link ExitCode#USAGE} error.
 */
final class Arguments {

    private final Map<String, List<String>> options;
    private final Set<String> flags;
    private final List<String> positional;

    private Arguments(Map<String, List<String>> options, Set<String> flags, List<String> positional) {
        this.options = options;
        this.flags = flags;
        this.positional = positional;
    }

    /**
     * @param args        the words after the command
     * @param optionNames the options that take a value
     * @param flagNames   the options without a value
     */
    static Arguments parse(List<String> args, Set<String> optionNames, Set<String> flagNames) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        Set<String> flags = new java.util.LinkedHashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (!word.startsWith("--")) {
                positional.add(word);
                continue;
            }
            String name = word.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (flagNames.contains(name) && value == null) {
                flags.add(name);
            } else if (optionNames.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new ToolException(ExitCode.USAGE, "option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                options.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else {
                throw new ToolException(ExitCode.USAGE, "unknown option --" + name);
            }
        }
        return new Arguments(options, flags, positional);
    }

    Optional<String> optional(String name) {
        List<String> values = options.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new ToolException(ExitCode.USAGE, "option --" + name + " given more than once");
        }
        return values.stream().findFirst();
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new ToolException(ExitCode.USAGE, "option --" + name + " is required"));
    }

    Path requiredPath(String name) {
        return Path.of(required(name));
    }

    Optional<Path> optionalPath(String name) {
        return optional(name).map(Path::of);
    }

    List<Path> paths(String name) {
        return options.getOrDefault(name, List.of()).stream().map(Path::of).toList();
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return positional;
    }
}
