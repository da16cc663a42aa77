// Starts an in-process local cloud for this test and points the forked build at it.
import io.javeze.local.LocalCloud
import io.javeze.local.LocalCloudOptions

def cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(new File(basedir, "target/cloud").toPath()))
System.getProperties().put("javeze.it.cloud", cloud)
new File(basedir, ".mvn").mkdirs()
new File(basedir, ".mvn/maven.config").text = "-Djaveze.endpointUrl=" + cloud.endpoint() + "\n"
return true
