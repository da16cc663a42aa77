// The forked build gets its own user.home, so the local cloud it starts on demand keeps its data under target/.
def home = new File(basedir, "home")
home.mkdirs()
new File(basedir, ".mvn").mkdirs()
new File(basedir, ".mvn/jvm.config").text = "-Duser.home=" + home.absolutePath + "\n"
return true
