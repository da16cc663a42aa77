// The first run started the local cloud itself and deployed to it; the second found it and removed the app.
import io.javeze.local.daemon.LocalCloudDaemon

def data = new File(basedir, "home/.javeze/local").toPath()
try {
    def log = new File(basedir, "build.log").text
    assert log.contains("function hello: created") : "the first run deployed to the local cloud it started"
    assert log.contains(":4566/prod/hello/{word}") : "the endpoint of the default local cloud was printed"
    assert log.contains("delete function it-on-demand-hello") : "the second run reached the same local cloud"
    assert LocalCloudDaemon.running(data).isPresent() : "the local cloud runs in the background, with its data in the test's home"
} finally {
    LocalCloudDaemon.stop(data)
}
return true
