package com.deskpost.devstack;

import com.deskpost.testsupport.SmtpServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A read-only web page over the local SMTP server's mailboxes, so a person can read what Deskpost
 * sent. The JDK's HTTP server is enough for one page; this is development tooling, not an API.
 */
public final class WebInbox implements AutoCloseable {

    private final HttpServer server;
    private final SmtpServer smtp;

    private WebInbox(SmtpServer smtp, int port) throws IOException {
        this.smtp = smtp;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static WebInbox start(SmtpServer smtp, int port) throws IOException {
        return new WebInbox(smtp, port);
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            List<MimeMessage> messages = smtp.messages();
            String path = exchange.getRequestURI().getPath();
            String page;
            if (path.startsWith("/message/")) {
                int index = Integer.parseInt(path.substring("/message/".length()));
                page = index >= 0 && index < messages.size() ? message(messages.get(index)) : "<p>No such message</p>";
            } else {
                page = list(messages);
            }
            byte[] body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Deskpost inbox</title>"
                    + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 8px;text-align:left}"
                    + "tr:nth-child(even){background:#f4f4f4}pre{background:#f8f8f8;padding:1em}</style></head><body>"
                    + page + "</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (MessagingException | NumberFormatException e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private static String list(List<MimeMessage> messages) throws MessagingException {
        StringBuilder html = new StringBuilder("<h1>Deskpost inbox</h1><p>" + messages.size()
                + " messages received by the local SMTP server (newest first). Reload to refresh.</p>"
                + "<table><tr><th>#</th><th>To</th><th>From</th><th>Subject</th></tr>");
        for (int i = messages.size() - 1; i >= 0; i--) {
            MimeMessage m = messages.get(i);
            html.append("<tr><td>").append(i).append("</td><td>").append(escape(String.join(", ", m.getHeader("To"))))
                    .append("</td><td>").append(escape(String.join(", ", m.getHeader("From"))))
                    .append("</td><td><a href=\"/message/").append(i).append("\">").append(escape(m.getSubject()))
                    .append("</a></td></tr>");
        }
        return html.append("</table>").toString();
    }

    private static String message(MimeMessage m) throws MessagingException, IOException {
        StringBuilder html = new StringBuilder("<p><a href=\"/\">&larr; inbox</a></p><h2>")
                .append(escape(m.getSubject())).append("</h2><table>");
        for (String header : List.of("From", "To", "Reply-To", "Message-ID", "Auto-Submitted", "Date")) {
            String[] values = m.getHeader(header);
            if (values != null) {
                html.append("<tr><th>").append(header).append("</th><td>").append(escape(String.join(", ", values)))
                        .append("</td></tr>");
            }
        }
        html.append("</table>");
        appendParts(m, html);
        return html.toString();
    }

    private static void appendParts(Part part, StringBuilder html) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                appendParts(child, html);
            }
        } else if (part.isMimeType("text/plain")) {
            html.append("<h3>Text part</h3><pre>").append(escape((String) part.getContent())).append("</pre>");
        } else if (part.isMimeType("text/html")) {
            html.append("<h3>HTML part</h3><iframe sandbox style=\"width:100%;height:24em;border:1px solid #ccc\" srcdoc=\"")
                    .append(escape((String) part.getContent())).append("\"></iframe>");
        } else {
            html.append("<h3>Attachment</h3><p>").append(escape(part.getContentType())).append(' ')
                    .append(escape(String.valueOf(part.getFileName()))).append("</p>");
        }
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
