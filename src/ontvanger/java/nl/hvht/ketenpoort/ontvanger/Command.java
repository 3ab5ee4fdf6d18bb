package nl.hvht.ketenpoort.ontvanger;

import java.util.List;

/** One of the tool's commands; failures end it with a {@link ToolException}. */
interface Command {

    /** Runs the command on the words after its name. */
    void run(List<String> args, Terminal terminal);

    /** Its usage lines for {@code help}. */
    String usage();
}
