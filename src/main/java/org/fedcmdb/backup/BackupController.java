package org.fedcmdb.backup;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.fedcmdb.security.Principal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/v1/admin/export} streams the whole CMDB as gzip JSON lines; {@code POST /api/v1/admin/import} reads
 * one into an empty server. ADMIN only: an export holds everything, token hashes included.
 */
@RestController
@RequestMapping("/api/v1/admin")
class BackupController {

	private final BackupService backups;

	BackupController(BackupService backups) {
		this.backups = backups;
	}

	@GetMapping("/export")
	ResponseEntity<StreamingResponseBody> export(HttpServletRequest request) {
		requireAdmin(request);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"fedcmdb-" + LocalDate.now() + ".jsonl.gz\"")
			.contentType(MediaType.parseMediaType("application/gzip"))
			.body(out -> backups.export(out));
	}

	@PostMapping("/import")
	Map<String, Object> importFrom(HttpServletRequest request) throws IOException {
		requireAdmin(request);
		try (InputStream in = request.getInputStream()) {
			BackupService.Counts c = backups.importFrom(in);
			return Map.of("nodes", c.nodes(), "relationships", c.relationships());
		}
	}

	private static void requireAdmin(HttpServletRequest request) {
		Object p = request.getAttribute(Principal.ATTRIBUTE);
		if (!(p instanceof Principal principal) || !principal.has("ADMIN")) {
			throw new BackupException(403, "FORBIDDEN", "export and import need the ADMIN role");
		}
	}

	@ExceptionHandler(BackupException.class)
	ResponseEntity<Map<String, Object>> refused(BackupException ex) {
		return ResponseEntity.status(ex.status()).body(Map.of("code", ex.code(), "message", ex.getMessage(), "status",
				ex.status()));
	}

}
