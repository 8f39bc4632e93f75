package org.fedcmdb.backup;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar fedcmdb.jar export --to cmdb.jsonl.gz} and {@code import --from cmdb.jsonl.gz}: the server's own
 * configuration (data dir or Neo4j URI, from the usual places and further {@code --key=value} arguments) without the
 * web server and without scheduled agents. On the embedded database the server must be stopped first (its data
 * directory is locked while it runs); against an external Neo4j it may run beside the servers.
 */
public final class BackupCommand {

	private BackupCommand() {
	}

	public static boolean handles(String[] args) {
		return args.length > 0 && (args[0].equals("export") || args[0].equals("import"));
	}

	/** Runs the command; returns the process exit code (0 done, 2 refused, 64 usage). */
	public static int run(String[] args, Class<?> application) {
		boolean export = args[0].equals("export");
		String flag = export ? "--to" : "--from";
		Path file = null;
		List<String> rest = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			if (args[i].equals(flag) && i + 1 < args.length) {
				file = Path.of(args[++i]);
			}
			else {
				rest.add(args[i]);
			}
		}
		if (file == null) {
			System.err.println("usage: java -jar fedcmdb.jar export --to FILE.jsonl.gz | import --from FILE.jsonl.gz"
					+ " [--fedcmdb.data-dir=...]");
			return 64;
		}
		rest.addAll(List.of("--spring.quartz.auto-startup=false", "--fedcmdb.discovery.host-on-start=false"));
		try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(application)
			.web(WebApplicationType.NONE).run(rest.toArray(String[]::new))) {
			BackupService backups = ctx.getBean(BackupService.class);
			BackupService.Counts c;
			if (export) {
				try (OutputStream out = Files.newOutputStream(file)) {
					c = backups.export(out);
				}
			}
			else {
				try (InputStream in = Files.newInputStream(file)) {
					c = backups.importFrom(in);
				}
			}
			System.out.println((export ? "exported " : "imported ") + c.nodes() + " nodes and " + c.relationships()
					+ " relationships " + (export ? "to " : "from ") + file);
			return 0;
		}
		catch (BackupException ex) {
			System.err.println("[" + ex.code() + "] " + ex.getMessage());
			return 2;
		}
		catch (Exception ex) {
			System.err.println("[BACKUP_FAILED] " + ex.getMessage());
			return 1;
		}
	}

}
