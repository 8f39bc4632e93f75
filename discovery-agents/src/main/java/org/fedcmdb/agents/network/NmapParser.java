package org.fedcmdb.agents.network;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.fedcmdb.agents.AgentException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads {@code nmap -oX} output with the JDK's XML parser (external entities and DTDs off: the file may come from
 * anywhere). Only hosts whose status is up are returned.
 */
public final class NmapParser {

	private NmapParser() {
	}

	public record Service(int port, String protocol, String state, String name, String product, String version) {
	}

	public record NmapHost(List<String> ipv4, List<String> ipv6, String mac, String macVendor, List<String> hostnames,
			String os, Integer osAccuracy, List<Service> services) {
	}

	public static List<NmapHost> parse(InputStream xml) throws AgentException {
		Document doc;
		try {
			DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
			f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			f.setFeature("http://xml.org/sax/features/external-general-entities", false);
			f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
			f.setExpandEntityReferences(false);
			DocumentBuilder b = f.newDocumentBuilder();
			doc = b.parse(xml);
		}
		catch (Exception ex) {
			throw new AgentException("not nmap XML: " + ex.getMessage(), ex);
		}
		if (!doc.getDocumentElement().getTagName().equals("nmaprun")) {
			throw new AgentException("not nmap XML: root element is <" + doc.getDocumentElement().getTagName() + ">");
		}
		List<NmapHost> out = new ArrayList<>();
		NodeList hosts = doc.getElementsByTagName("host");
		for (int i = 0; i < hosts.getLength(); i++) {
			Element h = (Element) hosts.item(i);
			Element status = first(h, "status");
			if (status == null || !"up".equals(status.getAttribute("state"))) {
				continue;
			}
			List<String> v4 = new ArrayList<>();
			List<String> v6 = new ArrayList<>();
			String mac = null;
			String vendor = null;
			for (Element a : children(h, "address")) {
				switch (a.getAttribute("addrtype")) {
					case "ipv4" -> v4.add(a.getAttribute("addr"));
					case "ipv6" -> v6.add(a.getAttribute("addr"));
					case "mac" -> {
						mac = a.getAttribute("addr");
						vendor = a.getAttribute("vendor").isEmpty() ? null : a.getAttribute("vendor");
					}
					default -> {
					}
				}
			}
			List<String> names = new ArrayList<>();
			Element hostnames = first(h, "hostnames");
			if (hostnames != null) {
				for (Element n : children(hostnames, "hostname")) {
					if (!names.contains(n.getAttribute("name"))) {
						names.add(n.getAttribute("name"));
					}
				}
			}
			String os = null;
			Integer accuracy = null;
			Element osEl = first(h, "os");
			if (osEl != null) {
				for (Element m : children(osEl, "osmatch")) {
					int acc = parseInt(m.getAttribute("accuracy"));
					if (accuracy == null || acc > accuracy) {
						accuracy = acc;
						os = m.getAttribute("name");
					}
				}
			}
			List<Service> services = new ArrayList<>();
			Element ports = first(h, "ports");
			if (ports != null) {
				for (Element p : children(ports, "port")) {
					Element st = first(p, "state");
					String state = st == null ? "unknown" : st.getAttribute("state");
					if (!state.equals("open")) {
						continue;
					}
					Element sv = first(p, "service");
					services.add(new Service(parseInt(p.getAttribute("portid")), p.getAttribute("protocol"), state,
							sv == null ? null : blank(sv.getAttribute("name")),
							sv == null ? null : blank(sv.getAttribute("product")),
							sv == null ? null : blank(sv.getAttribute("version"))));
				}
			}
			out.add(new NmapHost(v4, v6, mac, vendor, names, os, accuracy, services));
		}
		return out;
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s;
	}

	private static int parseInt(String s) {
		try {
			return Integer.parseInt(s);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static Element first(Element parent, String tag) {
		List<Element> c = children(parent, tag);
		return c.isEmpty() ? null : c.get(0);
	}

	private static List<Element> children(Element parent, String tag) {
		List<Element> out = new ArrayList<>();
		for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e && e.getTagName().equals(tag)) {
				out.add(e);
			}
		}
		return out;
	}

}
