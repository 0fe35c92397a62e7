//! A stand-in for the vendor's usage endpoint on 127.0.0.1, for the engine's and the
//! window's account tests: it answers the given replies, one per connection in order, and
//! records every request it saw. Each test binary uses part of it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A request as the stand-in server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
}

pub fn reply(status: u16, body: impl Into<Vec<u8>>) -> Reply {
    Reply {
        status,
        headers: Vec::new(),
        body: body.into(),
        delay: Duration::ZERO,
    }
}

/// A stand-in server: answers the given replies, one per connection in order, then stops;
/// it also stops after 30 s whatever happens (bounded in count and time).
pub struct StandIn {
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl StandIn {
    pub fn new(replies: Vec<Reply>) -> StandIn {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::Builder::new()
            .name("stand-in server".into())
            .spawn(move || {
                let deadline = Instant::now() + Duration::from_secs(30);
                let mut replies = replies.into_iter();
                while Instant::now() < deadline {
                    let (mut stream, _) = match listener.accept() {
                        Ok(c) => c,
                        Err(_) => {
                            std::thread::sleep(Duration::from_millis(10));
                            continue;
                        }
                    };
                    let Some(r) = replies.next() else { return };
                    stream.set_nonblocking(false).unwrap();
                    stream
                        .set_read_timeout(Some(Duration::from_secs(5)))
                        .unwrap();
                    if let Some(req) = read_request(&mut stream) {
                        log.lock().unwrap().push(req);
                    }
                    std::thread::sleep(r.delay);
                    let mut head = format!(
                        "HTTP/1.1 {} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
                        r.status,
                        r.body.len()
                    );
                    for (k, v) in &r.headers {
                        head.push_str(&format!("{k}: {v}\r\n"));
                    }
                    head.push_str("\r\n");
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&r.body);
                    let _ = stream.flush();
                }
            })
            .unwrap();
        StandIn { base, seen }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// Exactly one request: the usage endpoint, the key in its header, no body.
    pub fn saw_exactly_the_usage_call(&self, key: &str) {
        let seen = self.seen();
        assert_eq!(seen.len(), 1, "{seen:#?}");
        let s = &seen[0];
        assert_eq!(
            (s.method.as_str(), s.path.as_str()),
            ("GET", "/v3/account/usage")
        );
        assert_eq!(s.header("api_key"), Some(key));
        assert!(s.body.is_empty(), "no body");
        assert!(
            s.header("content-length").is_none_or(|v| v == "0")
                && s.header("transfer-encoding").is_none(),
            "{s:#?}"
        );
        // Nothing but the key identifies the caller: no cookie, no other credential.
        for h in ["authorization", "cookie", "proxy-authorization"] {
            assert!(s.header(h).is_none(), "{h}");
        }
    }
}

fn read_request(stream: &mut std::net::TcpStream) -> Option<Seen> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") && buf.len() < 65536 {
        match stream.read(&mut byte) {
            Ok(1) => buf.push(byte[0]),
            _ => return None,
        }
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = text.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_string(), first.next()?.to_string());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; len.min(1 << 20)];
    stream.read_exact(&mut body).ok()?;
    Some(Seen {
        method,
        path,
        headers,
        body,
    })
}

impl StandIn {
    /// The requests seen, each exactly `GET /v3/account/usage` with `key` in its header and
    /// no body; how many.
    pub fn saw_usage_calls(&self, key: &str) -> usize {
        let seen = self.seen();
        for s in &seen {
            assert_eq!(
                (s.method.as_str(), s.path.as_str()),
                ("GET", "/v3/account/usage")
            );
            assert_eq!(s.header("api_key"), Some(key));
            assert!(s.body.is_empty(), "no body");
        }
        seen.len()
    }
}
